// Descriptor set 0 of the terrain and sky pipelines (see gpu/frame_resources.h).
layout(set = 0, binding = 0, std140) uniform Frame { FrameUniforms frame; };
layout(set = 0, binding = 1, std430) readonly buffer Draws { TileDraw draws[]; };
layout(set = 0, binding = 2) uniform sampler2DArray overlays;
// One normal map per tile slot, layer = slot (see core/tile_normals.h, gpu/tile_pool.h).
layout(set = 0, binding = 3) uniform sampler2DArray normalMaps;
