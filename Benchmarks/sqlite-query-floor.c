/* The shared workload's query through SQLite's C API alone: what no server can
 * go below when it runs the query per request. Prepared once; each round binds,
 * steps the 20 rows, reads every column in place (no copies) and resets, with
 * SQLite's own read transaction per statement, as a server does.
 *
 *   cc -O2 Benchmarks/sqlite-query-floor.c -lsqlite3 -o /tmp/sqlite-query-floor
 *   taskset -c 0 /tmp/sqlite-query-floor /tmp/raumboerse-bench/data/rooms.sqlite 100000
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s ROOMS.SQLITE ROUNDS\n", argv[0]);
        return 2;
    }
    sqlite3 *db;
    sqlite3_stmt *query;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(db, "SELECT id, title, district, capacity, description, free FROM room "
                               "WHERE district = ? ORDER BY id LIMIT 20 OFFSET ?",
                           -1, SQLITE_PREPARE_PERSISTENT, &query, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        return 1;
    }
    const int warmup = 1000, rounds = atoi(argv[2]);
    long checksum = 0;
    double start = 0;
    for (int round = 0; round < warmup + rounds; round++) {
        if (round == warmup) start = seconds();
        sqlite3_bind_text(query, 1, "St. J\xc3\xbcrgen", -1, SQLITE_STATIC);
        sqlite3_bind_int(query, 2, 180);
        while (sqlite3_step(query) == SQLITE_ROW) {
            const unsigned char *title = sqlite3_column_text(query, 1);
            const unsigned char *district = sqlite3_column_text(query, 2);
            const unsigned char *description = sqlite3_column_text(query, 4);
            checksum += sqlite3_column_int64(query, 0) + sqlite3_column_int64(query, 3) +
                        sqlite3_column_int64(query, 5) + title[0] + district[0] + description[0];
        }
        sqlite3_reset(query);
    }
    printf("%.2f µs per query (checksum %ld)\n", (seconds() - start) / rounds * 1e6, checksum);
    return 0;
}
