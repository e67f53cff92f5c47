#include "app/cli.h"

int main(int argc, char** argv) { return plateau::app::run(argc, argv); }
