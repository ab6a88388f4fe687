/* Codes kept as #defines only, counted from a base. */
#define APP_ERR_BASE (-1000)
#define APP_ERR_IO      (APP_ERR_BASE - 1)
#define APP_ERR_NOMEM   (APP_ERR_BASE - 2)
#define APP_ERR_AGAIN   -1003
#define APP_ERR_HEXED   (-0x3ec)     /* -1004 */
#define APP_ERR_WOULDBLOCK APP_ERR_AGAIN
#define APP_ERR_FLOAT   1.5
#define APP_ERR_STRING  "no"
#define APP_ERR_LATER   (APP_ERR_NOMEM - 10)
#define APP_ERR_REDEF   5
#define APP_ERR_REDEF   6
#define APP_ERR_WRAP    (0u - 1)
