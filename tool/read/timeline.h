/* The ```timeline block: YAML inside an article → LpTimeline, checked so that a
 * diagram can never show something impossible (a phase ending before it
 * starts, outside the time scale, two phases with one id). */
#pragma once
#include "doc/ctx.h"
#include "doc/timeline.h"

/* `yaml` is the block's content; its first line is line `first_line` of `file`. */
LpTimeline *lp_timeline_read(const LpCtx *ctx, const char *file, const char *yaml, gsize length, int first_line, LpPos block,
                             GError **err);

/* Limits: a diagram a patient can read. */
