// Marks a text a person reads so that `scripts/update-po` extracts it into the catalogue, without
// translating it where it is written: the core stays free of gettext, and the screens translate
// the marked English text when they draw it (ui/words.hpp).
#pragma once

// A text with no context: N_("Done").
#define N_(text) text
// A text with a context, for one English word with two meanings or a short form:
// NC_("area", "Calves"). The screens look it up with the same context.
#define NC_(context, text) text
