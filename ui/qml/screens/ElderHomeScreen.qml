import QtQuick
import QtQuick.Layouts
import "../components"
import "../components/icons.js" as Icons

// 长辈版's start screen: four to six big tiles, one thing each, in one column — the terminal's
// most used service (the start screen's first frequent one), 帮家人办 (委托代办: acting for a
// family member), other services (the finder), 我的空间, 查进度 and 找人帮忙 (帮办代办); below
// them a plain button back to the standard start screen (the same switch is in the display
// settings). Made only while elder mode is on (Main.qml), so the standard start screen's first
// frame does not pay for it.
ScreenPage {
    id: page
    objectName: "elderHome"
    readonly property bool en: session.language === "en"
    // one service leaves room for the five fixed tiles: six at most, five at least (a terminal
    // whose catalog is still being prepared shows the fixed ones)
    readonly property var services: catalog.homeFrequent.slice(0, 1)

    component Tile: KButton {
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(theme.targetPx * 2, implicitHeight)
        font.pixelSize: theme.titlePx
        iconPx: iconName === "" ? 0 : Math.round(font.pixelSize * 1.5)
        font.bold: true
        align: Text.AlignLeft
        leftPadding: theme.gap * 1.5
        rightPadding: theme.gap * 1.5
    }

    KText {
        objectName: "elderGreeting"
        role: "hero"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("您好！请点您要办的事")
    }
    Repeater {
        model: page.services
        Tile {
            objectName: "elder_item_" + modelData.code
            iconName: Icons.forTheme(modelData.theme || "")
            text: page.en ? modelData.nameEn : modelData.name
            Accessible.description: modelData.body
            onClicked: catalog.openService(modelData.code)
        }
    }
    Tile {
        objectName: "elderDelegation"
        iconName: "old"
        text: qsTr("帮家人办")
        Accessible.description: qsTr("替家人或他人办理：先读您的身份证，再确认家人的身份")
        onClicked: session.go("delegation")
    }
    Tile {
        objectName: "elderMore"
        iconName: "layout-grid"
        text: qsTr("办其他事")
        Accessible.description: qsTr("按主题查找或搜索要办的事")
        onClicked: session.go("finder")
    }
    Tile {  // 我的空间: the card, then the resident's own applications, licences and benefits
        objectName: "elderMySpace"
        iconName: "user-circle"
        text: qsTr("我的空间")
        Accessible.description: qsTr("刷证件查看您的办件进度、电子证照和可享受的待遇")
        onClicked: if (mySpace) mySpace.begin()
    }
    Tile {
        objectName: "elderStatus"
        iconName: "progress-check"
        text: qsTr("查办事进度")
        Accessible.description: qsTr("扫回执上的二维码或输入受理编号")
        onClicked: session.go("status")
    }
    Tile {
        objectName: "elderHelp"
        iconName: "help-circle"
        text: qsTr("找人帮忙")
        Accessible.description: qsTr("请工作人员来帮您办理")
        onClicked: session.go("help")
    }
    KButton {  // not a tile: the way out of 长辈版 is needed once, the tiles every day
        objectName: "elderStandard"
        Layout.alignment: Qt.AlignHCenter
        iconName: "arrow-back-up"
        text: qsTr("回到标准版")
        Accessible.description: qsTr("关闭长辈版：字变小，回到标准首页")
        onClicked: shell.setElder(false)
    }
    KText {
        role: "muted"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("咨询投诉热线：%1").arg(shell.hotline)
    }
}
