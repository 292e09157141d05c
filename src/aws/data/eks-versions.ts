// The EKS Kubernetes support calendar, used only when DescribeClusterVersions cannot answer (an older SDK
// endpoint, a denied eks:DescribeClusterVersions, an emulator). The API is the authority; this table is its
// cited fallback and must be updated by hand when AWS publishes a new version.
//
// Source of every row unless the row says otherwise: the Amazon EKS User Guide, "Understand the Kubernetes
// version lifecycle on EKS", section "Amazon EKS Kubernetes release calendar"
// (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar;
// source file awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc, read at commits
// 8596db85 (rows 1.27..1.33) and 01385604 (rows 1.29..1.34)). The guide states: "The dates in the following table
// use the UTC+0 timezone" and "Billing for extended support starts at the beginning of the day that the version
// reaches end of standard support", so each date below is the first day (00:00 UTC) of the next phase.
// Policy (same page): 14 months of standard support from the EKS release, then 12 months of extended support.

export interface EksVersionDates {
  /** Kubernetes minor version, "1.31". */
  version: string;
  /** Amazon EKS release date (YYYY-MM-DD, UTC). */
  eksRelease: string;
  /** First day of extended support (the guide's "End of standard support"). */
  endOfStandardSupport: string;
  /** First day without support (the guide's "End of extended support"). */
  endOfExtendedSupport: string;
  /** Where the row comes from when not the EKS User Guide's calendar. */
  source?: string;
}

export const EKS_USER_GUIDE_CALENDAR = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar';

/** Oldest first. */
export const EKS_VERSIONS: readonly EksVersionDates[] = [
  { version: '1.27', eksRelease: '2023-05-24', endOfStandardSupport: '2024-07-24', endOfExtendedSupport: '2025-07-24' },
  { version: '1.28', eksRelease: '2023-09-26', endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26' },
  { version: '1.29', eksRelease: '2024-01-23', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  { version: '1.30', eksRelease: '2024-05-23', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  { version: '1.31', eksRelease: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  { version: '1.32', eksRelease: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  { version: '1.33', eksRelease: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  { version: '1.34', eksRelease: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  {
    version: '1.35',
    eksRelease: '2026-01-28',
    endOfStandardSupport: '2027-03-27',
    endOfExtendedSupport: '2028-03-27',
    // The stored copies of the User Guide predate 1.35; this row is endoflife.date's EKS table, which matches the
    // guide on every end date of 1.28..1.34. DescribeClusterVersions overrides it wherever it answers.
    source: 'https://endoflife.date/amazon-eks',
  },
];
