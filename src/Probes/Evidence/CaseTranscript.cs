using System.Text;
using Netra.Probes.Contract;

namespace Netra.Probes.Evidence;

/// <summary>
/// What one case attempt exchanged with the services, kept as the evidence beside its verdict. The runner begins one
/// around each attempt; it is held in an <see cref="AsyncLocal{T}"/>, so the cases of scenarios running at once, which
/// share one HttpClient, each write to their own. The HTTP handler (<see cref="Clients.ExchangeRecorder"/>) and the
/// WebSocket connection add entries; each is redacted (<see cref="SecretRedaction"/>), made one line and cut, and only the
/// last ones are kept (<see cref="EvidenceLimits"/>).
/// </summary>
public sealed class CaseTranscript
{
    /// <summary>How much of an entry is read at all: enough for any cut, and redaction of a huge body stays cheap.</summary>
    private const int MaxReadChars = 8 * 1024;

    private static readonly AsyncLocal<CaseTranscript?> Ambient = new();

    private readonly Queue<string> _entries = new();
    private readonly Lock _gate = new();

    /// <summary>The transcript of the case attempt the caller runs in, or null outside any case.</summary>
    public static CaseTranscript? Current => Ambient.Value;

    /// <summary>A new transcript for the calling flow: the case attempt and every task it starts.</summary>
    public static CaseTranscript Begin() => Ambient.Value = new CaseTranscript();

    public void Add(string entry)
    {
        var line = Entry(entry);
        lock (_gate)
        {
            _entries.Enqueue(line);
            while (_entries.Count > EvidenceLimits.MaxEntries)
            {
                _entries.Dequeue();
            }
        }
    }

    /// <summary>The entries kept, oldest first, within <see cref="EvidenceLimits.MaxBytesPerCase"/>; null when there are none.</summary>
    public IReadOnlyList<string>? Evidence()
    {
        List<string> entries;
        lock (_gate)
        {
            entries = [.. _entries];
        }

        while (entries.Sum(e => Encoding.UTF8.GetByteCount(e)) > EvidenceLimits.MaxBytesPerCase)
        {
            entries.RemoveAt(0);
        }

        return entries.Count > 0 ? entries : null;
    }

    /// <summary>An entry as evidence keeps it: no secret, one line, at most <see cref="EvidenceLimits.MaxEntryChars"/> characters.</summary>
    public static string Entry(string text)
    {
        var read = text.Length <= MaxReadChars ? text : text[..MaxReadChars];
        var line = new string([.. SecretRedaction.Redact(read).ReplaceLineEndings(" ").Select(c => char.IsControl(c) ? ' ' : c)]);
        if (line.Length <= EvidenceLimits.MaxEntryChars)
        {
            return line;
        }

        var cut = EvidenceLimits.MaxEntryChars - 1;
        return string.Concat(line.AsSpan(0, char.IsHighSurrogate(line[cut - 1]) ? cut - 1 : cut), "…");
    }
}
