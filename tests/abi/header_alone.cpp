// SPDX-License-Identifier: BSD-3-Clause
// Each public header compiles on its own in C++ (built once per header).
#include HDR

int main()
{
	return 0;
}
