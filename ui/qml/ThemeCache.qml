import QtQuick

// What QML calls `theme`: the Python Theme (`themeSource`) mirrored in QML properties. Every
// binding that read the Python object crossed into Python, and each read of the palette
// converted the whole map again (≈ 150 such reads per screen); these are plain QML reads,
// re-evaluated once when the theme changes (elder mode, text size, colour scheme).
QtObject {
    readonly property var c: themeSource.c
    readonly property bool elder: themeSource.elder
    readonly property int sizeIndex: themeSource.sizeIndex
    readonly property var sizes: themeSource.sizes
    readonly property string scheme: themeSource.scheme
    readonly property bool dark: themeSource.dark
    readonly property bool canBigger: themeSource.canBigger
    readonly property bool canSmaller: themeSource.canSmaller
    readonly property int bodyPx: themeSource.bodyPx
    readonly property int smallPx: themeSource.smallPx
    readonly property int titlePx: themeSource.titlePx
    readonly property int heroPx: themeSource.heroPx
    readonly property int targetPx: themeSource.targetPx
    readonly property int minTargetPx: themeSource.minTargetPx
    readonly property int gap: themeSource.gap
    readonly property int radius: themeSource.radius
    readonly property int outlineWidth: themeSource.outlineWidth
    readonly property real lineHeight: themeSource.lineHeight
    // icons (KButton.iconName) are drawn from the first frame after the start screen's: the
    // SVGs cost that frame ≈ 40 ms; their room is kept, so nothing moves when they come
    property bool icons: false
    function setElder(on) { themeSource.setElder(on) }
    function setSize(i) { themeSource.setSize(i) }
    function setScheme(name) { themeSource.setScheme(name) }
    function bigger() { themeSource.bigger() }
    function smaller() { themeSource.smaller() }
}
