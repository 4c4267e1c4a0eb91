/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef MEMSIM_GLUE_H
#define MEMSIM_GLUE_H
void memsim_save_boot_state(void);
void memsim_reset(void);
void memsim_dump(void);
#endif
