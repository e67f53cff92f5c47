// The hypsometric colour ramp of the terrain, shared between GLSL (relief_colour.glsl) and C++
// (core/relief_ramp.h for the legend, core/palette.h, and the test that keeps its lightness
// rising with height so that colour-blind viewers read height from it: tests/unit/core/
// test_palette.cpp). Plain macros, because the two languages spell array initialisers differently.
#ifndef PLATEAU_RELIEF_STOPS_H
#define PLATEAU_RELIEF_STOPS_H

#define PLATEAU_RELIEF_STOPS 9
// Heights of the stops, metres.
#define PLATEAU_RELIEF_HEIGHTS -100.0, 0.0, 600.0, 1800.0, 3200.0, 4300.0, 5000.0, 5700.0, 7000.0
// Their colours, linear-blended in the shader: r, g, b per stop (display values, 0..1). Lightness
// rises at every stop, for every kind of colour vision: water and lowland green darkest, pale rock
// highest (and snow, added by slope and aspect, lightest), so height reads without hue. Steep
// faces get their own dark rock colour in relief_colour.glsl, so cliffs still stand out.
#define PLATEAU_RELIEF_COLOURS \
    0.16, 0.32, 0.52, /* below sea level: water */               \
    0.28, 0.46, 0.27, /* lowland forest and fields */            \
    0.40, 0.53, 0.30, /* foothills */                            \
    0.55, 0.58, 0.38, /* middle hills */                         \
    0.66, 0.60, 0.42, /* valleys of the plateau's edge */        \
    0.68, 0.66, 0.46, /* steppe and dry meadow of the plateau */ \
    0.74, 0.67, 0.55, /* scree and alpine tundra */              \
    0.71, 0.70, 0.68, /* bare rock */                            \
    0.76, 0.75, 0.74  /* high rock, weathered pale */

#endif
