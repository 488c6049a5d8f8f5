/* SPDX-License-Identifier: BSD-3-Clause */
/* Each public header compiles on its own (built once per header, HDR set). */
#include HDR

int main(void)
{
	return 0;
}
