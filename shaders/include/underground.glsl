// The underground view in the terrain's fragment shader (see core/underground.h): the cutaway
// removes the terrain on one side of a vertical plane, the underside (back faces, drawn only in
// this mode) is hatched so that looking up from below or into the cut never reads as ground seen
// from above, and the terrain's opacity becomes its alpha (blended over the bodies drawn first).
// Needs vRel and the frame block.

void undergroundCut() {
    vec4 cut = frame.cutaway;
    if (dot(cut.xyz, cut.xyz) > 0.0 && dot(cut.xyz, vRel) + cut.w > 0.0) discard;
}

#ifndef PLATEAU_CUT_ONLY

// Rock-section red with dark diagonal stripes, 6 px apart on screen, unlit: no lit terrain colour
// (greens, browns, snow) looks like it.
const vec3 kUndersideColour = vec3(0.62, 0.20, 0.16);
const vec3 kUndersideStripe = vec3(0.30, 0.08, 0.07);

vec4 undergroundColour(vec3 colour) {
    if (frame.underground.x < 0.5) return vec4(colour, 1.0);
    if (!gl_FrontFacing) {
        float stripe = mod(gl_FragCoord.x + gl_FragCoord.y, 6.0) < 2.0 ? 1.0 : 0.0;
        colour = mix(kUndersideColour, kUndersideStripe, stripe);
    }
    return vec4(colour, frame.underground.y);
}
#endif
