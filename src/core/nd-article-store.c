/* nd-article-store.c — placeholder, being written */
#define G_LOG_DOMAIN "newsdesk-core"
#include "nd-article-store.h"
