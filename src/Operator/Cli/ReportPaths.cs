namespace Netra.Operator.Cli;

/// <summary>Report paths checked before any work, so that a typo does not lose a whole run's results.</summary>
public static class ReportPaths
{
    public static string? Writable(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        if (Directory.Exists(file.FullName))
        {
            throw new UsageException($"{file.FullName} is a directory; give a file for the report.");
        }

        if (file.Directory is not { Exists: true })
        {
            throw new UsageException($"{file.FullName}: the folder {file.DirectoryName} does not exist.");
        }

        return file.FullName;
    }
}
