using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Schedules;

/// <summary>
/// What differs between two runs' <c>status.tested</c>: each service's image and digest ("backend image", "backend
/// digest"; a service answered by several pods compares them all, listed), each chart and its version ("auth chart",
/// "auth chart version"), the values hash and the revision. A run without a record counts as having recorded nothing.
/// </summary>
public static class TestedChanges
{
    public static IReadOnlyList<TestedChange> Between(TestedStatus? before, TestedStatus? after)
    {
        before ??= new TestedStatus();
        after ??= new TestedStatus();
        var changes = new List<TestedChange>();
        foreach (var service in TestedServices.All)
        {
            Add(changes, $"{service} image", Images(before, service, i => i.Image), Images(after, service, i => i.Image));
            Add(changes, $"{service} digest", Images(before, service, i => i.Digest), Images(after, service, i => i.Digest));
        }

        foreach (var service in TestedServices.All)
        {
            var (from, to) = (Chart(before, service), Chart(after, service));
            Add(changes, $"{service} chart", from?.Chart, to?.Chart);
            Add(changes, $"{service} chart version", from?.Version, to?.Version);
        }

        Add(changes, "values hash", before.ValuesHash, after.ValuesHash);
        Add(changes, "revision", before.Revision, after.Revision);
        return [.. changes.Take(ScheduleRegression.MaxChanges)];
    }

    private static void Add(List<TestedChange> changes, string what, string? from, string? to)
    {
        if (from != to)
        {
            changes.Add(new TestedChange { What = what, From = Bounded(from), To = Bounded(to) });
        }
    }

    private static string? Bounded(string? value) => value is null ? null : PodText.OneLine(value, TestedImage.MaxImageChars);

    private static string? Images(TestedStatus tested, string service, Func<TestedImage, string?> part)
    {
        var values = tested.Images.Where(i => i.Service == service).Select(part).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    private static TestedChart? Chart(TestedStatus tested, string service) => tested.Charts.FirstOrDefault(c => c.Service == service);
}
