/* nd-text.c — placeholder, being written */
#define G_LOG_DOMAIN "newsdesk-core"
#include "nd-text.h"
