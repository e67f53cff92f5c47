#pragma once
// The file-system policy for glTF models: tinygltf asks these callbacks for every external buffer
// and image, and they only ever hand out regular files inside the model's own folder.
//
// Models come from shared folders and downloads, and a glTF URI is whatever the author typed. So
// an external URI must be a plain relative path below the model's folder:
//   - no absolute paths ("/etc/passwd", "C:/x", "\\server\x"), no ".." components ("./x.png",
//     which some exporters write, stays inside and is allowed);
//   - no URL schemes ("http:", "file:", ...): nothing is ever fetched from the network;
//   - none of the shell's special characters (; | & $ ` < > ( ) { } [ ] * ? ! ~ ' " \ and control
//     characters). No shell is ever run, but exporters never write such names, and refusing them
//     keeps a name that was made to be pasted into a command line from getting any further;
//   - after resolving symbolic links the file must still be inside the (resolved) folder, and it
//     must be a regular file (a FIFO or device would block or never end). The check is made on the
//     opened descriptor itself (/proc/self/fd), so swapping a link after the check does not help.
// tinygltf also tries the process's working folder for every URI; that second candidate is
// always refused. Every refusal is remembered and becomes the load's error.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tiny_gltf.h>

namespace plateau::gltf {

// Why `uri` (already percent-decoded) is not an acceptable relative file name; nullopt when it is.
std::optional<std::string> uriProblem(const std::string& uri);

struct SafeFsContext {
    std::filesystem::path root;             // canonical model folder; empty: no external files at all
    std::size_t maxFileBytes = 0;           // per external file
    std::vector<std::filesystem::path>* opened = nullptr;  // every file actually opened, if set
    std::string refusal;                    // first refused URI and why, e.g. "uri '../x.bin' refused: '..' component"
};

// Callbacks bound to `context`, which must outlive the load.
tinygltf::FsCallbacks safeFsCallbacks(SafeFsContext& context);

}  // namespace plateau::gltf
