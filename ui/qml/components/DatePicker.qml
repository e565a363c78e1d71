import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A date picker for a finger: the year in steps of ten and one, twelve month buttons and a grid
// of the month's days, all big cells, the choice shown in words at the top; 确定 puts it in
// the field as YYYY-MM-DD (typing the date stays possible). Only dates from minDate to maxDate
// (YYYY-MM-DD; by default 1900-01-01 to twenty years from today) can be picked.
Popup {
    id: picker
    objectName: "datePickerPopup"
    // the field's name, in both languages (shown in the resident's)
    property string title: ""
    property string titleEn: ""
    property string minDate: ""
    property string maxDate: ""
    signal picked(string date)

    property int year: 2000
    property int month: 1
    property int day: 1
    readonly property var lo: parse(minDate) || { y: 1900, m: 1, d: 1 }
    readonly property var hi: parse(maxDate) || (function () {
        const t = new Date()
        return { y: t.getFullYear() + 20, m: 12, d: 31 }
    })()
    readonly property int cell: Math.floor((width - 2 * padding - 6 * theme.gap / 2) / 7)

    function parse(s) {
        const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s || "")
        return m ? { y: +m[1], m: +m[2], d: +m[3] } : null
    }
    function pad(n) { return (n < 10 ? "0" : "") + n }
    function key(y, m, d) { return y * 10000 + m * 100 + d }
    function daysIn(y, m) { return new Date(y, m, 0).getDate() }
    function allowed(y, m, d) {
        const k = key(y, m, d)
        return k >= key(lo.y, lo.m, lo.d) && k <= key(hi.y, hi.m, hi.d)
    }
    // some day of the month can be picked
    function monthAllowed(y, m) {
        return key(y, m, daysIn(y, m)) >= key(lo.y, lo.m, lo.d) && key(y, m, 1) <= key(hi.y, hi.m, hi.d)
    }
    // the nearest allowed day to the one asked for
    function settle(y, m, d) {
        y = Math.max(lo.y, Math.min(hi.y, y))
        d = Math.min(d, daysIn(y, m))
        if (key(y, m, d) < key(lo.y, lo.m, lo.d)) { m = lo.m; d = lo.d }
        if (key(y, m, d) > key(hi.y, hi.m, hi.d)) { m = hi.m; d = hi.d }
        year = y; month = m; day = d
    }
    function openAt(value) {
        const v = parse(value)
        const t = new Date()
        if (v && v.m >= 1 && v.m <= 12 && v.d >= 1 && v.d <= daysIn(v.y, v.m))
            settle(v.y, v.m, v.d)
        else
            settle(t.getFullYear(), t.getMonth() + 1, t.getDate())
        open()
    }
    readonly property string chosen: year + "-" + pad(month) + "-" + pad(day)

    parent: Overlay.overlay
    modal: true
    focus: true
    closePolicy: Popup.NoAutoClose
    width: Math.min(parent ? parent.width - 2 * theme.gap : 1000, 1000)
    x: parent ? (parent.width - width) / 2 : 0
    y: parent ? Math.max(theme.gap, (parent.height - height) / 2) : 0
    height: parent ? Math.min(implicitHeight, parent.height - 2 * theme.gap) : implicitHeight
    padding: 2 * theme.gap
    onOpened: Qt.inputMethod.hide()
    background: Rectangle {
        color: theme.c.surface
        radius: theme.radius
        border.width: theme.outlineWidth
        border.color: theme.c.outline
    }
    contentItem: Flickable {
        objectName: "datePicker"
        implicitHeight: body.implicitHeight
        contentHeight: body.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: body
            width: parent.width
            spacing: theme.gap
            KText {
                readonly property string field: session.language === "en" && picker.titleEn !== "" ? picker.titleEn : picker.title
                role: "title"
                text: field !== "" ? qsTr("选择日期：%1").arg(field) : qsTr("选择日期")
            }
            KText {
                objectName: "datePickerChosen"
                role: "hero"
                text: session.language === "en" ? picker.chosen
                      : qsTr("%1 年 %2 月 %3 日").arg(picker.year).arg(picker.month).arg(picker.day)
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: theme.gap / 2
                KButton {
                    objectName: "btnYearBack10"
                    Layout.fillWidth: true
                    text: "−10"
                    Accessible.name: qsTr("往前十年")
                    enabled: picker.year > picker.lo.y
                    onClicked: picker.settle(picker.year - 10, picker.month, picker.day)
                }
                KButton {
                    objectName: "btnYearBack"
                    Layout.fillWidth: true
                    text: "−1"
                    Accessible.name: qsTr("前一年")
                    enabled: picker.year > picker.lo.y
                    onClicked: picker.settle(picker.year - 1, picker.month, picker.day)
                }
                KText {
                    objectName: "datePickerYear"
                    Layout.fillWidth: false
                    Layout.alignment: Qt.AlignVCenter
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    text: session.language === "en" ? String(picker.year) : qsTr("%1 年").arg(picker.year)
                }
                KButton {
                    objectName: "btnYearOn"
                    Layout.fillWidth: true
                    text: "+1"
                    Accessible.name: qsTr("后一年")
                    enabled: picker.year < picker.hi.y
                    onClicked: picker.settle(picker.year + 1, picker.month, picker.day)
                }
                KButton {
                    objectName: "btnYearOn10"
                    Layout.fillWidth: true
                    text: "+10"
                    Accessible.name: qsTr("往后十年")
                    enabled: picker.year < picker.hi.y
                    onClicked: picker.settle(picker.year + 10, picker.month, picker.day)
                }
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 4
                columnSpacing: theme.gap / 2
                rowSpacing: theme.gap / 2
                uniformCellWidths: true
                Repeater {
                    model: 12
                    KButton {
                        required property int index
                        readonly property int m: index + 1
                        objectName: "month_" + m
                        Layout.fillWidth: true
                        selected: picker.month === m
                        selectable: true
                        enabled: picker.monthAllowed(picker.year, m)
                        text: session.language === "en" ? Qt.locale("en_US").standaloneMonthName(index, Locale.ShortFormat)
                                                        : qsTr("%1 月").arg(m)
                        Accessible.name: session.language === "en" ? Qt.locale("en_US").standaloneMonthName(index) : text
                        onClicked: picker.settle(picker.year, m, picker.day)
                    }
                }
            }
            Grid {
                Layout.fillWidth: true
                columns: 7
                spacing: theme.gap / 2
                Repeater {
                    model: picker.daysIn(picker.year, picker.month)
                    KButton {
                        required property int index
                        readonly property int d: index + 1
                        objectName: "day_" + d
                        width: picker.cell
                        minWidth: 0
                        selected: picker.day === d
                        enabled: picker.allowed(picker.year, picker.month, d)
                        text: String(d)
                        Accessible.name: session.language === "en" ? picker.year + "-" + picker.pad(picker.month) + "-" + picker.pad(d)
                                         : qsTr("%1 年 %2 月 %3 日").arg(picker.year).arg(picker.month).arg(d)
                        onClicked: picker.day = d
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: theme.gap
                KButton {
                    objectName: "btnDateCancel"
                    Layout.fillWidth: true
                    text: qsTr("取消")
                    onClicked: picker.close()
                }
                KButton {
                    objectName: "btnDateOk"
                    kind: "primary"
                    Layout.fillWidth: true
                    text: qsTr("确定")
                    onClicked: {
                        picker.picked(picker.chosen)
                        picker.close()
                    }
                }
            }
        }
    }
}
