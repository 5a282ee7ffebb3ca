using System.CommandLine;
using Netra.Operator.Images;

namespace Netra.Operator.Cli;

/// <summary>
/// <c>netra-operator images [-f values.yaml]...</c>: every image an installation with those operator chart values pulls,
/// one per line, to mirror into a registry an air-gapped cluster reaches (docs/install.md).
/// </summary>
public static class ImagesCommand
{
    public static Command Create(TextWriter output)
    {
        var values = new Option<FileInfo[]>("--values", "-f")
        {
            Description = "A values file of the operator chart, as helm install -f takes it (repeat; later files win).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        values.AcceptExistingOnly();
        var images = new Command("images", "Print every image the operator chart's values pull: the operator, probes, helm and the services.")
        {
            values,
        };
        images.SetAction(async (parsed, cancellationToken) =>
        {
            var files = await Task.WhenAll((parsed.GetValue(values) ?? []).Select(f => File.ReadAllTextAsync(f.FullName, cancellationToken)));
            foreach (var image in ChartImages.Of(files))
            {
                await output.WriteLineAsync(image);
            }

            return 0;
        });
        return images;
    }
}
