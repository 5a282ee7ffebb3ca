using System.CommandLine;
using System.Text.Json.Nodes;
using k8s.Models;
using Netra.Operator.Core.Serve;

namespace Netra.Operator.Tests.Charts;

/// <summary>The arguments the operator chart's Deployment gives <c>serve</c>, read by the operator's own command line.</summary>
internal static class OperatorServeArgs
{
    public static ServeOptions Parse(IReadOnlyList<JsonObject> objects)
    {
        var args = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.Containers[0].Args;
        Assert.Equal("serve", args[0]);
        var options = new ServeCommandOptions();
        var command = new Command("serve");
        options.AddTo(command);
        var parsed = command.Parse([.. args.Skip(1)]);
        Assert.Empty(parsed.Errors);
        Assert.Null(options.Problem(parsed));
        return options.ToServeOptions(parsed);
    }
}
