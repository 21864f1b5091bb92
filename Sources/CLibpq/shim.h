#ifndef KNEAD_CLIBPQ_SHIM_H
#define KNEAD_CLIBPQ_SHIM_H

#include <postgresql/libpq-fe.h>

/* No `link "pq"` in the module map: the functions are defined by CLibpqLoader, which opens
   libpq.so.5 at the first sync. */

/* Swift does not import character-literal macros: the error fields knead reads. */
static inline int knead_pg_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int knead_pg_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }

#endif
