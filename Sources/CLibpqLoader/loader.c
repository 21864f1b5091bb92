/*
 * libpq, opened when the first sync starts instead of at every start of knead.
 *
 * Linked directly, libpq.so.5 brings 21 more shared libraries into every knead (Kerberos,
 * LDAP, GnuTLS, OpenSSL...), and loading and relocating them took 5.5 ms of CPU at each start,
 * as much as all the rest of knead up to `--version` (perf stat -r 40, README Performance).
 * Only a sync needs them. These definitions of the libpq functions knead calls stand in for the
 * library's: the first call opens libpq.so.5 (dlopen) and each then calls the library's own.
 * When the library cannot be opened, PQconnectdbParams returns NULL, which the sync reports
 * as a connection libpq could not start; no other function is reached without a connection.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <postgresql/libpq-fe.h>

#include "CLibpqLoader.h"

static struct {
    PGconn *(*connectdbParams)(const char *const *, const char *const *, int);
    void (*finish)(PGconn *);
    ConnStatusType (*status)(const PGconn *);
    char *(*errorMessage)(const PGconn *);
    int (*sslInUse)(PGconn *);
    PQnoticeProcessor (*setNoticeProcessor)(PGconn *, PQnoticeProcessor, void *);
    PGresult *(*exec)(PGconn *, const char *);
    PGresult *(*execParams)(PGconn *, const char *, int, const Oid *, const char *const *, const int *,
                            const int *, int);
    ExecStatusType (*resultStatus)(const PGresult *);
    char *(*resultErrorField)(const PGresult *, int);
    int (*ntuples)(const PGresult *);
    int (*nfields)(const PGresult *);
    char *(*getvalue)(const PGresult *, int, int);
    int (*getisnull)(const PGresult *, int, int);
    void (*clear)(PGresult *);
} libpq;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static int available = 0;

#define FIND(field, name) \
    if ((*(void **)&libpq.field = dlsym(library, name)) == NULL) return;

static void load(void) {
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    FIND(connectdbParams, "PQconnectdbParams")
    FIND(finish, "PQfinish")
    FIND(status, "PQstatus")
    FIND(errorMessage, "PQerrorMessage")
    FIND(sslInUse, "PQsslInUse")
    FIND(setNoticeProcessor, "PQsetNoticeProcessor")
    FIND(exec, "PQexec")
    FIND(execParams, "PQexecParams")
    FIND(resultStatus, "PQresultStatus")
    FIND(resultErrorField, "PQresultErrorField")
    FIND(ntuples, "PQntuples")
    FIND(nfields, "PQnfields")
    FIND(getvalue, "PQgetvalue")
    FIND(getisnull, "PQgetisnull")
    FIND(clear, "PQclear")
    available = 1;
}

int knead_libpq_available(void) {
    pthread_once(&loaded, load);
    return available;
}

PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname) {
    return knead_libpq_available() ? libpq.connectdbParams(keywords, values, expand_dbname) : NULL;
}

void PQfinish(PGconn *conn) {
    if (conn != NULL && knead_libpq_available()) libpq.finish(conn);
}

ConnStatusType PQstatus(const PGconn *conn) {
    return knead_libpq_available() ? libpq.status(conn) : CONNECTION_BAD;
}

char *PQerrorMessage(const PGconn *conn) {
    static char none[] = "libpq.so.5 could not be loaded\n";
    return knead_libpq_available() ? libpq.errorMessage(conn) : none;
}

int PQsslInUse(PGconn *conn) {
    return knead_libpq_available() ? libpq.sslInUse(conn) : 0;
}

PQnoticeProcessor PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg) {
    return knead_libpq_available() ? libpq.setNoticeProcessor(conn, proc, arg) : NULL;
}

PGresult *PQexec(PGconn *conn, const char *query) {
    return knead_libpq_available() ? libpq.exec(conn, query) : NULL;
}

PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                       int resultFormat) {
    return knead_libpq_available()
        ? libpq.execParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)
        : NULL;
}

ExecStatusType PQresultStatus(const PGresult *res) {
    return knead_libpq_available() ? libpq.resultStatus(res) : PGRES_FATAL_ERROR;
}

char *PQresultErrorField(const PGresult *res, int fieldcode) {
    return knead_libpq_available() ? libpq.resultErrorField(res, fieldcode) : NULL;
}

int PQntuples(const PGresult *res) {
    return knead_libpq_available() ? libpq.ntuples(res) : 0;
}

int PQnfields(const PGresult *res) {
    return knead_libpq_available() ? libpq.nfields(res) : 0;
}

char *PQgetvalue(const PGresult *res, int tup_num, int field_num) {
    static char empty[] = "";
    return knead_libpq_available() ? libpq.getvalue(res, tup_num, field_num) : empty;
}

int PQgetisnull(const PGresult *res, int tup_num, int field_num) {
    return knead_libpq_available() ? libpq.getisnull(res, tup_num, field_num) : 1;
}

void PQclear(PGresult *res) {
    if (res != NULL && knead_libpq_available()) libpq.clear(res);
}
