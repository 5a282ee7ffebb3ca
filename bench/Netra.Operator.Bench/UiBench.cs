using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Netra.Bench;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Schedules;
using Netra.TestBed;
using Netra.Testing;

namespace Netra.Operator.Bench;

/// <summary>
/// The results UI with <see cref="Runs"/> finished runs on the control plane (10 namespaces; two schedules own 50 each):
/// the operator's resident memory without the UI, then with it after serving pages, and each kind of page's latency as
/// a viewer allowed every namespace gets it (the runs list, filtered lists, run pages twice each, schedule pages).
/// </summary>
internal sealed class UiBench(OperatorTestBed bed, string executable, bool quick)
{
    public const int Runs = 1000;
    private const int Namespaces = 10;
    private const string Viewer = "ui-bench-viewer";

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        var names = await CreateRunsAsync();
        var token = await ViewerTokenAsync();
        using var http = new HttpClient();
        var kubeconfig = bed.Cp.WriteKubeconfig(bed.Cp.OperatorToken);

        double withoutUi;
        using (var plain = OperatorProcess.Start(executable, kubeconfig, ControlPlane.OperatorNamespace, 8))
        {
            await plain.WaitUntilLeadingAsync(http);
            await plain.WaitUntilIdleAsync(http, TimeSpan.FromSeconds(2));
            withoutUi = plain.ResidentMiB();
        }

        var port = ControlPlane.FreeLoopbackPort();
        using var served = OperatorProcess.Start(
            executable, kubeconfig, ControlPlane.OperatorNamespace, 8, ["--ui-port", port.ToString(CultureInfo.InvariantCulture), "--ui-address", "127.0.0.1"]);
        await served.WaitUntilLeadingAsync(http);
        await served.WaitUntilIdleAsync(http, TimeSpan.FromSeconds(2));
        using var ui = await LogInAsync(new Uri($"http://127.0.0.1:{port}"), token);
        var pages = PagesToRead(names);
        var latencies = new Dictionary<string, List<double>>();
        foreach (var (kind, path) in pages)
        {
            var clock = Stopwatch.StartNew();
            using var page = await ui.GetAsync(path);
            await page.Content.ReadAsStringAsync();
            if (page.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path}: {(int)page.StatusCode}");
            }

            (latencies.TryGetValue(kind, out var list) ? list : latencies[kind] = []).Add(clock.Elapsed.TotalMilliseconds);
        }

        var withUi = served.ResidentMiB();
        var all = new Latencies(latencies.Values.SelectMany(l => l));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"results UI: {Runs} finished runs in {Namespaces} namespaces, {pages.Count} pages read one after another"));
        foreach (var (kind, samples) in latencies.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var each = new Latencies(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind,-22} {each.Count,5} pages  p50 {each.P50,7:0.0} ms  p95 {each.P95,7:0.0} ms  max {each.Max,7:0.0} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  operator RSS without the UI {withoutUi:0.0} MiB, with it after the pages {withUi:0.0} MiB"));
        return
        [
            new Figure("ui page p95, 1,000 finished runs", all.P95, "ms", "lower", Goal: 200, Note: $"{all.Count} pages, p50 {all.P50:0.0} ms"),
            new Figure("ui RSS over the operator without it", withUi - withoutUi, "MiB", "lower", Goal: 15, Limit: withoutUi,
                LimitName: "the operator without the UI"),
        ];
    }

    /// <summary>What a viewer reads: the lists, each run's page twice (rendered, then cached), each schedule's page.</summary>
    private List<(string Kind, string Path)> PagesToRead(IReadOnlyList<(string Ns, string Name)> runs)
    {
        var pages = new List<(string, string)>();
        var rounds = quick ? 2 : 10;
        for (var i = 0; i < rounds; i++)
        {
            pages.Add(("runs list", "/runs"));
            pages.Add(("runs list, filtered", $"/runs?namespace=ui-bench-{i % Namespaces}&phase=Failed"));
            pages.Add(("runs list, page 10", "/runs?page=10"));
            pages.Add(("schedule", $"/namespaces/ui-bench-0/testrunschedules/nightly-{i % 2}"));
        }

        foreach (var (ns, name) in runs.Take(quick ? 50 : 300))
        {
            pages.Add(("run", $"/namespaces/{ns}/testruns/{name}"));
            pages.Add(("run", $"/namespaces/{ns}/testruns/{name}"));
        }

        return pages;
    }

    private async Task<IReadOnlyList<(string Ns, string Name)>> CreateRunsAsync()
    {
        for (var n = 0; n < Namespaces; n++)
        {
            await bed.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = $"ui-bench-{n}" } });
        }

        var schedules = new List<TestRunSchedule>();
        for (var s = 0; s < 2; s++)
        {
            var created = await bed.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(new TestRunSchedule
            {
                Metadata = new V1ObjectMeta { Name = $"nightly-{s}" },
                Spec = new TestRunScheduleSpec
                {
                    Schedule = "0 0 1 1 *",
                    SuccessfulRunsHistoryLimit = 100,
                    FailedRunsHistoryLimit = 100,
                    Template = FinishedRuns.Spec(),
                },
            }, TestRun.Group, TestRun.Version, "ui-bench-0", TestRunSchedule.Plural);
            schedules.Add(KubernetesJson.Deserialize<TestRunSchedule>(((System.Text.Json.JsonElement)created).GetRawText()));
        }

        var start = DateTimeOffset.UtcNow.AddDays(-7);
        var runs = Enumerable.Range(0, Runs).Select(i =>
        {
            var fired = start.AddMinutes(i * 10);
            var run = i < 100
                ? ScheduledRuns.Create(schedules[i % 2], new RunTrigger { Reason = TriggerReasons.Schedule, Time = fired })
                : new TestRun { Metadata = new V1ObjectMeta { Name = $"deploy-{i:0000}", NamespaceProperty = $"ui-bench-{i % Namespaces}" }, Spec = FinishedRuns.Spec() };
            return (Run: run, Fired: fired, Failed: i % 7 == 3);
        }).ToList();
        await FinishedRuns.CreateAsync(bed, runs);
        return [.. runs.Select(r => (r.Run.Metadata.NamespaceProperty, r.Run.Metadata.Name))];
    }

    /// <summary>A viewer allowed to read runs and schedules in every namespace.</summary>
    private async Task<string> ViewerTokenAsync()
    {
        const string ns = "ui-bench-0";
        await bed.Admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = Viewer } }, ns);
        await bed.Admin.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = Viewer },
            Rules = [new V1PolicyRule { ApiGroups = [TestRun.Group], Resources = [TestRun.Plural, TestRunSchedule.Plural], Verbs = ["get", "list"] }],
        });
        await bed.Admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = Viewer },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = Viewer },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = Viewer, NamespaceProperty = ns }],
        });
        return await TenantAccount.TokenAsync(bed.Cp, ns, Viewer);
    }

    private static async Task<HttpClient> LogInAsync(Uri ui, string token)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = ui };
        await Eventually.WaitUntilAsync(async () =>
        {
            using var login = await client.PostAsync(
                "/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
            return login.StatusCode == HttpStatusCode.OK && login.RequestMessage!.RequestUri!.AbsolutePath == "/runs";
        }, "logged in to the UI", TimeSpan.FromMinutes(1));
        return client;
    }
}
