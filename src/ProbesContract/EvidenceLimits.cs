namespace Netra.Probes.Contract;

/// <summary>
/// How much of a case's exchanges with the services its report keeps as <c>evidence</c> (failed and broken cases only):
/// the last <see cref="MaxEntries"/> entries, oldest first, each at most <see cref="MaxEntryChars"/> characters, at most
/// <see cref="MaxBytesPerCase"/> bytes (UTF-8) in all. The operator trims it first when a run's results grow too large.
/// </summary>
public static class EvidenceLimits
{
    /// <summary>The report field that holds it, on a case and on each of its earlier attempts.</summary>
    public const string Field = "evidence";

    public const int MaxEntries = 8;

    public const int MaxEntryChars = 300;

    public const int MaxBytesPerCase = 2048;
}
