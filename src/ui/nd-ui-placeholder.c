int nd_ui_placeholder (void);
int nd_ui_placeholder (void) { return 0; }
