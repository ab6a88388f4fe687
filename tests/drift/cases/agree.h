/* The codes of lib.xml as a hand-kept header of #defines. */
#ifndef LIB_ERRORS_H
#define LIB_ERRORS_H
#define LIB_E_BASE 0
#define LIB_E_IO (LIB_E_BASE - 1)
#define LIB_E_AGAIN (-2)
#define LIB_E_WOULDBLOCK LIB_E_AGAIN
#define LIB_E_OLD -3 /* retired, and still here */
#define LIB_E_PERM (-0x4)
#define LIB_E_STRING(code) #code
#endif
