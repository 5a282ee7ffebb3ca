using System.CommandLine;
using k8s;
using Netra.Operator.Core.Serve;

namespace Netra.Operator.Cli;

/// <summary><c>--kubeconfig</c>, <c>--context</c> and <c>-n</c>, as kubectl takes them, for the commands that talk to a cluster.</summary>
public sealed class ClusterOptions
{
    public Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The TestRun's namespace; default: the manifest's, else the kubeconfig context's, else default.",
    };

    public Option<FileInfo?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "A kubeconfig file; default: in-cluster, else $KUBECONFIG or ~/.kube/config.",
    };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context to use; default: its current one." };

    public IEnumerable<Option> All => [Namespace, Kubeconfig, Context];

    /// <summary>Adds these options, then the report options, to a command.</summary>
    public void AddTo(Command command, ReportOptions reports)
    {
        foreach (var option in All.Concat(reports.All))
        {
            command.Options.Add(option);
        }
    }

    public bool AnyGiven(ParseResult parsed) => All.Any(option => parsed.GetResult(option) is not null);

    /// <summary>A client for the cluster asked for; an unreadable kubeconfig or an unknown context is bad input.</summary>
    public ClusterConnection Connect(ParseResult parsed)
    {
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = Core.Serve.Kubeconfig.Resolve(parsed.GetValue(Kubeconfig), parsed.GetValue(Context));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or k8s.Exceptions.KubeConfigException)
        {
            throw new UsageException($"no cluster to talk to: {error.Message.ReplaceLineEndings(" ")}", error);
        }

        return new ClusterConnection(new Kubernetes(configuration), parsed.GetValue(Namespace), configuration.Namespace ?? "default");
    }
}

/// <summary>A client, the namespace given with <c>-n</c> (if any) and the one to use when nothing else names one.</summary>
public sealed record ClusterConnection(Kubernetes Client, string? GivenNamespace, string DefaultNamespace) : IDisposable
{
    /// <summary>The namespace of a run named on the command line.</summary>
    public string Namespace => GivenNamespace ?? DefaultNamespace;

    public ClusterRuns Runs => new(Client);

    public void Dispose() => Client.Dispose();
}
