using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Netra.Testing;

namespace Netra.Operator.Tests;

/// <summary>Proves the test bed: a real 1.20 apiserver with RBAC, CRDs, and live controllers.</summary>
public sealed class ControlPlaneTests(ControlPlaneFixture cp, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ControlPlaneFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private const string Group = "test.netra.io";
    private const string Version = "v1";
    private const string Plural = "gadgets";

    [Fact]
    public async Task ApiServer_answers_version_1_20()
    {
        var version = await cp.AdminClient.Version.GetCodeAsync();

        Assert.Equal("1", version.Major);
        Assert.Equal("20", version.Minor);
        Assert.StartsWith("v1.20.", version.GitVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_resource_definition_becomes_established_and_serves_objects_with_status()
    {
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"{Plural}.{Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = Plural, Singular = "gadget", Kind = "Gadget", ListKind = "GadgetList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = Version,
                        Served = true,
                        Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps>
                                {
                                    ["spec"] = new()
                                    {
                                        Type = "object",
                                        Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer" } },
                                    },
                                    ["status"] = new()
                                    {
                                        Type = "object",
                                        Properties = new Dictionary<string, V1JSONSchemaProps> { ["phase"] = new() { Type = "string" } },
                                    },
                                },
                            },
                        },
                    },
                ],
            },
        };
        await cp.AdminClient.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);

        await Eventually.WaitUntilAsync(async () =>
        {
            var current = await cp.AdminClient.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name);
            return current.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, "CRD gadgets established", Deadline);

        var ns = await CreateNamespaceAsync("crd");
        var gadget = new Dictionary<string, object>
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "Gadget",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "g1" },
            ["spec"] = new Dictionary<string, object> { ["size"] = 3 },
        };
        // Right after Established the new resource can still be missing from the apiserver's handlers for a moment.
        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                await cp.AdminClient.CustomObjects.CreateNamespacedCustomObjectAsync(gadget, Group, Version, ns, Plural);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }, "custom object created", Deadline);

        var read = AsJson(await cp.AdminClient.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, "g1"));
        Assert.Equal(3, read.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.False(read.TryGetProperty("status", out _));

        var patch = new V1Patch("""{"status":{"phase":"Ready"}}""", V1Patch.PatchType.MergePatch);
        var patched = AsJson(await cp.AdminClient.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, Group, Version, ns, Plural, "g1"));
        Assert.Equal("Ready", patched.GetProperty("status").GetProperty("phase").GetString());

        // The status subresource is real: a status written through the main resource is ignored.
        var mainPatch = new V1Patch("""{"spec":{"size":4},"status":{"phase":"Ignored"}}""", V1Patch.PatchType.MergePatch);
        await cp.AdminClient.CustomObjects.PatchNamespacedCustomObjectAsync(mainPatch, Group, Version, ns, Plural, "g1");
        var reread = AsJson(await cp.AdminClient.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, "g1"));
        Assert.Equal(4, reread.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal("Ready", reread.GetProperty("status").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Job_controller_creates_a_pending_pod_for_a_job()
    {
        var ns = await CreateNamespaceAsync("job");
        var job = await cp.AdminClient.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "probe" },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        Containers = [new V1Container { Name = "main", Image = "busybox:1.36", Command = ["true"] }],
                    },
                },
            },
        }, ns);

        V1Pod? pod = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var pods = await cp.AdminClient.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "job-name=probe");
            pod = pods.Items.SingleOrDefault();
            return pod is not null;
        }, "job controller creates the job's pod", Deadline);

        Assert.Equal("Pending", pod!.Status?.Phase);
        var owner = Assert.Single(pod.Metadata.OwnerReferences);
        Assert.Equal("Job", owner.Kind);
        Assert.Equal(job.Metadata.Uid, owner.Uid);

        await Eventually.WaitUntilAsync(async () =>
            (await cp.AdminClient.BatchV1.ReadNamespacedJobStatusAsync("probe", ns)).Status?.Active == 1,
            "job status counts one active pod", Deadline);
    }

    [Fact]
    public async Task Namespace_controller_finishes_deleting_a_namespace_with_content()
    {
        var ns = await CreateNamespaceAsync("doomed");
        await cp.AdminClient.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);

        await cp.AdminClient.CoreV1.DeleteNamespaceAsync(ns);

        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                await cp.AdminClient.CoreV1.ReadNamespaceAsync(ns);
                return false;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return true;
            }
        }, $"namespace {ns} gone", Deadline);
    }

    [Fact]
    public async Task Rbac_forbids_the_operator_until_a_cluster_role_binding_grants_it()
    {
        using var operatorClient = cp.CreateOperatorClient();

        var denied = await Assert.ThrowsAsync<HttpOperationException>(() => operatorClient.CoreV1.ListSecretForAllNamespacesAsync());
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);
        Assert.Contains(ControlPlane.OperatorUserName, denied.Response.Content, StringComparison.Ordinal);

        await cp.AdminClient.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "netra-test-secret-reader" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["secrets"], Verbs = ["get", "list", "watch"] }],
        });
        await cp.AdminClient.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "netra-test-secret-reader" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "netra-test-secret-reader" },
            // The token's user name is a service account's: a ServiceAccount subject matches it, as in the Helm chart.
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = ControlPlane.OperatorServiceAccount, NamespaceProperty = ControlPlane.OperatorNamespace }],
        });

        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                await operatorClient.CoreV1.ListSecretForAllNamespacesAsync();
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
            {
                return false;
            }
        }, "operator allowed to list secrets", Deadline);

        // Still nothing beyond the grant.
        var stillDenied = await Assert.ThrowsAsync<HttpOperationException>(() => operatorClient.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.Forbidden, stillDenied.Response.StatusCode);
    }

    [Fact]
    public async Task Kubeconfig_for_a_token_reaches_the_apiserver_as_that_user()
    {
        var path = cp.WriteKubeconfig(cp.OperatorToken, defaultNamespace: ControlPlane.OperatorNamespace);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        Assert.Equal(ControlPlane.OperatorNamespace, config.Namespace);
        using var client = new Kubernetes(config);

        // TLS verified against the CA in the file, authenticated as the operator.
        var version = await client.Version.GetCodeAsync();
        Assert.StartsWith("v1.20.", version.GitVersion, StringComparison.Ordinal);
        var denied = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);
        Assert.Contains(ControlPlane.OperatorUserName, denied.Response.Content, StringComparison.Ordinal);

        using var impostor = cp.ClientFor("not-a-token");
        var unauthorized = await Assert.ThrowsAsync<HttpOperationException>(() => impostor.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Response.StatusCode);
    }

    [Fact]
    public async Task Service_account_token_controller_issues_tokens_the_apiserver_accepts()
    {
        var ns = await CreateNamespaceAsync("sa");
        await cp.AdminClient.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } }, ns);

        V1Secret? secret = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var secrets = await cp.AdminClient.CoreV1.ListNamespacedSecretAsync(ns);
            secret = secrets.Items.FirstOrDefault(s => s.Type == "kubernetes.io/service-account-token" && s.Data?.ContainsKey("token") == true);
            return secret is not null;
        }, "token secret for service account robot", Deadline);

        // Signed with the control plane's key: the apiserver authenticates it as the service account.
        using var robot = cp.ClientFor(System.Text.Encoding.UTF8.GetString(secret!.Data["token"]));
        var denied = await Assert.ThrowsAsync<HttpOperationException>(() => robot.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);
        Assert.Contains($"system:serviceaccount:{ns}:robot", denied.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_and_server_side_apply_work_with_this_client()
    {
        var ns = await CreateNamespaceAsync("watch");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new TaskCompletionSource<V1ConfigMap>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in cp.AdminClient.CoreV1.WatchListNamespacedConfigMapAsync(ns, cancellationToken: stop.Token))
            {
                if (type == WatchEventType.Added && item.Metadata.Name == "applied")
                {
                    seen.TrySetResult(item);
                    return;
                }
            }
        }, stop.Token);

        // Server-side apply (beta, on by default in 1.20): what an operator uses to own its objects' fields.
        var apply = new V1Patch("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"owner":"netra"}}
            """, V1Patch.PatchType.ApplyPatch);
        var applied = await cp.AdminClient.CoreV1.PatchNamespacedConfigMapAsync(apply, "applied", ns, fieldManager: "netra-operator", force: true);
        Assert.Equal("netra", applied.Data["owner"]);
        Assert.Contains(applied.Metadata.ManagedFields, f => f.Manager == "netra-operator" && f.Operation == "Apply");

        var watched = await seen.Task.WaitAsync(stop.Token);
        Assert.Equal("netra", watched.Data["owner"]);
        await watching; // left the stream after the event: no error from the watch
    }

    [Fact]
    public void Control_plane_started_quickly_on_loopback()
    {
        output.WriteLine($"control plane started in {cp.StartupTime.TotalSeconds:0.00} s at {cp.ApiServerUrl}");
        Assert.True(cp.ApiServerUrl.IsLoopback);
        Assert.Equal("https", cp.ApiServerUrl.Scheme);
        Assert.True(cp.StartupTime > TimeSpan.Zero);
        Assert.True(cp.StartupTime < TimeSpan.FromSeconds(60), $"startup took {cp.StartupTime}");
        Assert.NotEqual(cp.AdminToken, cp.OperatorToken);
        Assert.DoesNotContain(cp.AdminToken, cp.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await cp.AdminClient.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private static JsonElement AsJson(object value) =>
        value is JsonElement element ? element : JsonSerializer.SerializeToElement(value);
}

/// <summary>A control plane of its own: what stopping it leaves behind, and how a missing install fails.</summary>
public sealed class ControlPlaneLifecycleTests
{
    [Fact]
    public async Task Dispose_kills_the_processes_and_removes_the_folder()
    {
        var clock = Stopwatch.StartNew();
        var cp = await ControlPlane.StartAsync();
        var started = clock.Elapsed;
        var folder = cp.WorkDirectory;
        var port = cp.ApiServerUrl.Port;
        var version = await cp.AdminClient.Version.GetCodeAsync();
        Assert.Equal("20", version.Minor);

        await cp.DisposeAsync();
        await cp.DisposeAsync(); // idempotent

        if (Environment.GetEnvironmentVariable("NETRA_KEEP_CONTROLPLANE") is not ("1" or "true"))
        {
            Assert.False(Directory.Exists(folder), $"{folder} still exists");
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = Assert.Throws<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.True(started < TimeSpan.FromSeconds(60), $"start took {started}");
    }

    [Fact]
    public async Task A_component_failing_at_startup_fails_with_its_log_and_leaves_nothing_behind()
    {
        var real = ControlPlaneBinaries.Locate();
        var broken = real with { KubeApiServer = "/bin/false" };

        var e = await Assert.ThrowsAsync<ControlPlaneStartException>(() => ControlPlane.StartAsync(binaries: broken));

        Assert.Contains("kube-apiserver exited with code 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("----- etcd (", e.Message, StringComparison.Ordinal); // etcd had started: its log is shown
        var folder = Path.GetDirectoryName(e.Message.Split("----- etcd (")[1].Split(')')[0])!;
        Assert.StartsWith(Path.GetTempPath().TrimEnd('/'), folder, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("NETRA_KEEP_CONTROLPLANE") is not ("1" or "true"))
        {
            Assert.False(Directory.Exists(folder), $"{folder} still exists");
        }
    }

    [Fact]
    public void Missing_binaries_fail_with_the_install_command()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ControlPlaneBinaries.Locate("/nonexistent/netra-bin"));
        Assert.Contains("tests/controlplane/install.sh", e.Message, StringComparison.Ordinal);
    }
}
