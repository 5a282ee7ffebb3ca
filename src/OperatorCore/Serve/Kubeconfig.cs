using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;

namespace Netra.Operator.Core.Serve;

/// <summary>
/// Reads a kubeconfig file. KubernetesClient's own reader goes through <c>KubernetesYaml</c>, whose
/// static constructor orders properties by metadata tokens, which the ahead-of-time compiled image
/// does not have; YamlDotNet fills the same model classes by reflection, which it does have.
/// </summary>
public static class Kubeconfig
{
    /// <summary>
    /// The kubeconfig named; else in-cluster when in a pod (unless a <paramref name="context"/> is asked for); else the first
    /// file of $KUBECONFIG or ~/.kube/config. A kubeconfig is read at <paramref name="context"/>, else its current context.
    /// </summary>
    public static KubernetesClientConfiguration Resolve(FileInfo? kubeconfig, string? context = null) =>
        kubeconfig is not null ? Load(kubeconfig.FullName, context)
        : context is null && KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : File.Exists(DefaultPath) ? Load(DefaultPath, context)
        : throw new FileNotFoundException($"not in a pod, and no kubeconfig at {DefaultPath} (pass --kubeconfig or set KUBECONFIG)");

    /// <summary><c>--kubeconfig</c> of the commands a pod runs (<c>serve</c>, <c>uninstall</c>).</summary>
    public static Option<FileInfo?> CreateOption() => new("--kubeconfig")
    {
        Description = "A kubeconfig file; default: in-cluster when in a pod, else the first file of $KUBECONFIG or ~/.kube/config.",
    };

    /// <summary>As <see cref="Resolve"/>; null, with <paramref name="problem"/> in one line, when no cluster can be found.</summary>
    public static KubernetesClientConfiguration? TryResolve(FileInfo? kubeconfig, out string problem)
    {
        problem = string.Empty;
        try
        {
            return Resolve(kubeconfig);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or k8s.Exceptions.KubeConfigException)
        {
            problem = error.Message.ReplaceLineEndings(" ");
            return null;
        }
    }

    /// <summary>The first file of <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } named ? named.Split(Path.PathSeparator)[0]
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    [UnconditionalSuppressMessage(
        "AOT", "IL3050", Justification = "Reflection over the kubeconfig model classes kept below; no code is generated.")]
    [UnconditionalSuppressMessage(
        "Trimming", "IL2026", Justification = "The kubeconfig model classes are kept whole by the DynamicDependency attributes.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(K8SConfiguration))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Cluster))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ClusterEndpoint))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Context))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ContextDetails))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(User))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(UserCredentials))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(AuthProvider))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ExternalExecution))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NamedExtension))]
    public static KubernetesClientConfiguration Load(string path, string? context = null)
    {
        var deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
        var config = deserializer.Deserialize<K8SConfiguration>(File.ReadAllText(path));
        config.FileName = path;
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(config, context);
    }
}
