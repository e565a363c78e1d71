import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "components"

ApplicationWindow {
    id: win
    objectName: "mainWindow"
    width: shell.width
    height: shell.height
    visible: true
    color: theme.c.bg
    title: qsTr("便民自助终端")
    font.family: shell.fontFamily
    font.pixelSize: theme.bodyPx

    readonly property var files: ({
        attract: "AttractScreen.qml", finder: "FinderScreen.qml", guide: "GuideScreen.qml",
        identify: "IdentifyScreen.qml", form: "FormScreen.qml", materials: "MaterialsScreen.qml",
        review: "ReviewScreen.qml", submit: "SubmitScreen.qml", receipt: "ReceiptScreen.qml",
        result: "ResultScreen.qml", myspace: "MySpaceScreen.qml",
        rating: "RatingScreen.qml", done: "DoneScreen.qml", status: "StatusScreen.qml",
        problem: "ProblemScreen.qml", help: "HelpScreen.qml",
        delegation: "DelegationScreen.qml",
        maintenance: "MaintenanceScreen.qml"
    })
    readonly property var titles: ({
        attract: qsTr("便民自助终端"), finder: qsTr("选择要办的事"), guide: qsTr("办事指南"),
        identify: qsTr("确认身份"), form: qsTr("填写信息"), materials: qsTr("提交材料"),
        review: qsTr("核对信息"), submit: qsTr("正在提交"), receipt: qsTr("已提交"),
        result: qsTr("办理结果"), myspace: qsTr("我的空间"),
        rating: qsTr("服务评价"), done: qsTr("办理结束"), status: qsTr("办件进度查询"),
        problem: qsTr("办不成事反映"), help: qsTr("帮办代办"),
        delegation: qsTr("替他人办理"),
        maintenance: qsTr("维护模式")
    })
    // the screen shown, and the keyboard's height: the keyboard opens just above the screen's
    // action bar, which stays where it is (ScreenPage.qml)
    readonly property Item page: session.screen === "attract" ? startLoader.item : screenLoader.item
    readonly property real keyboardHeight: keyboardLoader.item && keyboardLoader.item.active
                                           ? keyboardLoader.item.height : 0

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TopBar {
            Layout.fillWidth: true
            title: session.screen === "attract" ? "" : win.titles[session.screen]
            onHomeAsked: {
                if (session.hasEntries()) win.openDialog("home")
                else session.restart()
            }
            onSettingsAsked: win.openDialog("settings")
        }
        StatusStrip { Layout.fillWidth: true }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // The start screen stays made (hidden while another screen shows): it has the most
            // items of all, and every session ends on it. It shows nothing of a resident.
            Loader {
                id: startLoader
                objectName: "startLoader"
                property bool made: false
                anchors.fill: parent
                // a terminal that opens in 长辈版 makes the standard one when first left
                active: !theme.elder || made
                visible: session.screen === "attract" && !theme.elder
                source: "screens/" + win.files.attract
                onLoaded: made = true
            }
            // 长辈版's start screen (a few big tiles): made while elder mode is on
            Loader {
                objectName: "elderLoader"
                anchors.fill: parent
                active: theme.elder
                visible: session.screen === "attract" && theme.elder
                source: active ? "screens/ElderHomeScreen.qml" : ""
            }
            Loader {
                id: screenLoader
                objectName: "screenLoader"
                anchors.fill: parent
                active: session.screen !== "attract"
                source: active ? "screens/" + win.files[session.screen] : ""
            }
            // outside the opening hours: the hours and what still works, over the start screen
            Loader {
                objectName: "closedNoticeLoader"
                anchors.fill: parent
                z: 5
                active: screenSleep.closed && session.screen === "attract"
                source: active ? "components/ClosedNotice.qml" : ""
            }
        }
    }

    // 首页's confirmation and the display settings: over everything, keyboard hidden
    property string dialog: ""
    function openDialog(which) {
        Qt.inputMethod.hide()
        win.dialog = which
    }
    Connections {
        target: session
        function onWiped() { win.dialog = "" }
    }
    Loader {
        id: dialogLoader
        objectName: "dialogLoader"
        anchors.fill: parent
        z: 95
        active: win.dialog !== ""
        source: win.dialog === "home" ? "components/HomeConfirm.qml"
                : win.dialog === "settings" ? "components/DisplaySettings.qml" : ""
    }
    Connections {
        target: dialogLoader.item
        function onClosed() { win.dialog = "" }
    }

    // the maintenance PIN pad (the terminal's name held 5 s on the start screen)
    Loader {
        objectName: "maintenancePinLoader"
        anchors.fill: parent
        z: 96
        active: maintenance ? maintenance.pinOpen : false  // made after the first frame
        source: active ? "screens/MaintenancePin.qml" : ""
    }

    // a card presented as a technician card and refused (a resident's card): said briefly
    Badge {
        objectName: "maintenanceCardRefused"
        visible: session.screen === "attract" && text !== ""
        z: 97
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: theme.gap * 2 }
        tone: "warn"
        readonly property var m: maintenance ? maintenance.cardMessage : null
        text: m && m.text ? (m.arg ? qsTranslate("Maintenance", m.text).arg(m.arg)
                                   : qsTranslate("Maintenance", m.text)) : ""
    }

    // created when first needed, so that the start screen shows sooner
    Loader {
        anchors.fill: parent
        z: 50
        active: session.idleWarning || item !== null
        sourceComponent: IdleDialog {}
    }
    Loader {
        anchors.fill: parent
        z: 60
        active: devpanel.enabled
        asynchronous: true
        sourceComponent: DevPanel {}
    }

    // The kiosk cannot serve (its store is unusable, see kiosk/store/keys.py): this screen covers
    // everything, with the hotline, until a technician fixes the store and restarts it.
    Loader {
        objectName: "outOfServiceLoader"
        anchors.fill: parent
        z: 100
        active: shell.outOfService
        source: active ? "screens/OutOfServiceScreen.qml" : ""
    }

    // the sleeping screen (opening hours, idle): black over everything; a touch wakes it
    SleepOverlay { anchors.fill: parent; z: 120 }

    // The on-screen keyboard (Qt Virtual Keyboard, Pinyin) is created after the first frame so
    // that the start screen shows at once; its learned words live in the per-session directory.
    Loader {
        id: keyboardLoader
        objectName: "keyboardLoader"
        z: 90
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        anchors.bottomMargin: win.page && win.page.footerHeight !== undefined ? win.page.footerHeight : 0
        active: false
        source: "components/Keyboard.qml"
    }
    Timer {
        interval: 50
        running: shell.keyboard
        onTriggered: keyboardLoader.active = true
    }
}
