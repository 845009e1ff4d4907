//! How WebKitGTK paints Trato's window.

/// Paint with the CPU and leave only compositing to the GPU, unless the user
/// chose otherwise. Trato's screens are text and flat panels: painting them on
/// the GPU saves no visible time, but WebKitGTK's GPU painting (Skia) keeps
/// its own texture caches, which cost about 45 MB per window, and with a
/// software GL (no GPU, a VM, a remote desktop) it is also slower.
/// Measured in docs/performance.md.
pub fn prefer_cpu_painting() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_SKIA_ENABLE_CPU_RENDERING").is_none() {
        // Called first thing in main, before any thread exists: nothing else reads the environment yet.
        std::env::set_var("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");
    }
}
