#ifndef KNEAD_CLIBPQ_LOADER_H
#define KNEAD_CLIBPQ_LOADER_H

/* The libpq functions knead calls (declared by <postgresql/libpq-fe.h>, through CLibpq) are
   defined in loader.c: each opens libpq.so.5 on first use and calls the library's own. */

/* 1 once libpq.so.5 is open with every function knead calls, 0 when it cannot be opened. */
int knead_libpq_available(void);

#endif
