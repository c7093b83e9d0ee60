/* nd-exporter.c — placeholder, being written */
#define G_LOG_DOMAIN "newsdesk-core"
#include "nd-exporter.h"
