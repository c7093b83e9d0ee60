/* fuzz-main.c — a libFuzzer program for one target of nd-fuzz.c, chosen
 * at build time with -DND_FUZZ_TARGET=nd_fuzz_... (tests/fuzz/meson.build)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "nd-fuzz.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  nd_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ND_FUZZ_TARGET (data, size);
  return 0;
}
