/* nd-body.c — placeholder, being written */
#define G_LOG_DOMAIN "newsdesk-core"
#include "nd-body.h"
