namespace Netra.Auth.Storage;

/// <summary>
/// The database holds the private signing keys: its directory is created 0700 and the database, its WAL and its
/// shared-memory file are 0600, so another local user can neither read a key nor mint a token with it.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The SQLite files of one database: the file itself, then its WAL and shared memory.</summary>
    public static string[] SqliteFilesOf(string databasePath) => [databasePath, databasePath + "-wal", databasePath + "-shm"];

    /// <summary>
    /// Creates the missing directories owner-only. An existing directory keeps its mode (it may be shared, such as
    /// the temp directory); the files in it are protected either way.
    /// </summary>
    public static void EnsureDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }
    }

    /// <summary>
    /// Creates the database file owner-only before SQLite opens it (SQLite gives its WAL and shared-memory files the
    /// database's mode), and narrows the mode of files an earlier version left readable.
    /// </summary>
    public static void EnsureOwnerOnly(string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var created = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FileMode,
            });
        }
        catch (IOException) when (File.Exists(databasePath))
        {
            // Already there: narrowed below.
        }

        foreach (var file in SqliteFilesOf(databasePath).Where(File.Exists))
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }
}
