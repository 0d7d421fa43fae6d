#!/usr/bin/python3
# Makes the raster pictures of this test article (run once; the files are kept
# in the repository): blocks of flat colour that a render of the page can find.
# Needs Debian's python3-gi with gir1.2-gdkpixbuf-2.0.
import gi
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf, GLib

def blocks(w, h, colours):
    # colours: rows of (r, g, b); each a block of equal size
    rows, cols = len(colours), len(colours[0])
    data = bytearray()
    for y in range(h):
        for x in range(w):
            data += bytes(colours[y * rows // h][x * cols // w])
    return GdkPixbuf.Pixbuf.new_from_bytes(GLib.Bytes.new(bytes(data)), GdkPixbuf.Colorspace.RGB, False, 8, w, h, w * 3)

green, yellow, magenta, cyan = (32, 160, 64), (240, 200, 0), (200, 0, 160), (0, 170, 210)
blocks(900, 600, [[green, yellow]]).savev("arm.png", "png", [], [])
blocks(900, 600, [[magenta], [cyan]]).savev("room.jpg", "jpeg", ["quality"], ["90"])
blocks(60, 40, [[green]]).savev("coarse.png", "png", [], [])
