.pragma library
// Icons: Tabler Icons (MIT, assets/icons/, see its README). The catalog's theme codes
// (kiosk.search.THEME_LABELS) → icon; a theme not in the table gets the generic one.
var THEMES = {
    birth: "baby-carriage", schooling: "school", employment: "briefcase",
    marriage_childbirth: "heart-handshake", housing: "building-estate",
    household: "address-book", social_insurance: "shield-check",
    medical_insurance: "first-aid-kit", pension: "old", disability: "disabled",
    after_death: "flower",
    opening: "building-store", change: "replace", operating_permit: "license",
    closing: "building-off"
}
var FALLBACK = "file-text"

function forTheme(key) {
    return THEMES[key] || FALLBACK
}
