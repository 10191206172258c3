/* miniext.h: the init functions of the sample extensions compiled into the kit, so the Swift
 * side can register them as built-in modules with MiniImport_AppendInittab. */
#ifndef MINIEXT_H
#define MINIEXT_H
#include <mini.h>
#endif
