package dev.thaw.analysis.arrivals;

/** The units arrivals are broken down by; each maps to the columns that name it in the supported formats. */
public enum KeyKind {
    /** funcID (Huawei 2025), HashApp/HashFunction (Azure 2019), app/func (Azure 2021), function (Huawei 2023). */
    FUNCTION("function"),
    /** HashApp (Azure 2019), app (Azure 2021). */
    APP("app"),
    /** userID (Huawei 2025), HashOwner (Azure 2019). */
    USER("user"),
    REGION("region");

    private final String id;

    KeyKind(String id) { this.id = id; }

    public String id() { return id; }
}
