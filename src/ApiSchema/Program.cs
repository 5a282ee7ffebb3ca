using Netra.Operator.ApiSchema;

// Writes the CRDs and the reference pages' field tables from the API types; the build runs it (see the project file).
if (args is not [var root])
{
    Console.Error.WriteLine("usage: netra-api-schema REPOSITORY_ROOT");
    return 2;
}

foreach (var (path, content) in GeneratedFiles.Render(root))
{
    var file = Path.Combine(root, path);
    if (!File.Exists(file) || File.ReadAllText(file) != content)
    {
        File.WriteAllText(file, content);
        Console.WriteLine($"api-schema: wrote {path}");
    }
}

return 0;
