/* SPDX-License-Identifier: BSD-3-Clause */
#include <realm/measure.h>
