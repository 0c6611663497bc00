#ifndef REGISTRO_CSODIUM_SHIM_H
#define REGISTRO_CSODIUM_SHIM_H
#include <sodium.h>
#endif
