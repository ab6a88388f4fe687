/* The codes of lib.xml as another project's enum, drifted. */
enum lib_e {
	LIB_E_IO = -1,
	LIB_E_AGAIN,          /* implicit: 0, not -2 */
	LIB_E_PERM = -4,
	LIB_E_NEW = -6
};
#define LIB_E_WOULDBLOCK LIB_E_IO /* now another code's alias */
