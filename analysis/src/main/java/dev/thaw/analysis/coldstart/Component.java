package dev.thaw.analysis.coldstart;

/** The cold-start time and its four components, by their column names in the Huawei 2025 release. */
public enum Component {
    TOTAL("totalCost_cold_start", "coldstart_total_s"),
    POD_ALLOCATION("podAllocationCost", "podAllocationCost_s"),
    DEPLOY_CODE("deployCodeCost", "deployCodeCost_s"),
    DEPLOY_DEPENDENCY("deployDependencyCost", "deployDependencyCost_s"),
    SCHEDULING("schedulingCost", "schedulingCost_s");

    private final String column, fitTarget;

    Component(String column, String fitTarget) {
        this.column = column;
        this.fitTarget = fitTarget;
    }

    public String column() { return column; }

    /** Target name in fits.json. */
    public String fitTarget() { return fitTarget; }

    /** Dependency deployment is exactly 0 for functions without dependency layers: those zeros are left out. */
    public boolean skipsZeros() { return this == DEPLOY_DEPENDENCY; }

    public static final Component[] ALL = values();
}
