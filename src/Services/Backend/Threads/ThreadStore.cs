using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Netra.Backend.Threads;

/// <summary>
/// Threads and messages in SQLite. Every query is scoped by the owner, so another user's thread
/// looks exactly like a missing one. Writes take turns on an async gate: SQLite allows one writer at a time
/// and waits for the lock by blocking its thread, so under load writers queue here instead of holding
/// thread-pool threads (and a connection each) while they wait.
/// </summary>
public sealed class ThreadStore : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public ThreadStore(IOptions<BackendOptions> options)
    {
        var path = Path.GetFullPath(options.Value.DataPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS threads (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                title TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS threads_by_user ON threads (user_id, updated_at);
            CREATE TABLE IF NOT EXISTS messages (
                thread_id TEXT NOT NULL REFERENCES threads (id),
                seq INTEGER NOT NULL,
                id TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                content TEXT NOT NULL,
                run_id TEXT,
                created_at TEXT NOT NULL,
                PRIMARY KEY (thread_id, seq));
            CREATE TABLE IF NOT EXISTS active_runs (
                run_id TEXT PRIMARY KEY,
                thread_id TEXT NOT NULL,
                user_id TEXT NOT NULL);
            """);
    }

    public async Task<ChatThread> CreateThreadAsync(string userId, string title, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var thread = new ChatThread(NewId("thr"), userId, title, now, now, 0);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await InsertThreadAsync(thread, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }

        return thread;
    }

    private async Task InsertThreadAsync(ChatThread thread, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO threads (id, user_id, title, created_at, updated_at) VALUES ($id, $user, $title, $now, $now)";
        command.Parameters.AddWithValue("$id", thread.Id);
        command.Parameters.AddWithValue("$user", thread.UserId);
        command.Parameters.AddWithValue("$title", thread.Title);
        command.Parameters.AddWithValue("$now", Format(thread.CreatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ChatThread?> FindThreadAsync(string userId, string threadId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = ThreadSelect + " WHERE t.id = $id AND t.user_id = $user";
        command.Parameters.AddWithValue("$id", threadId);
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadThread(reader) : null;
    }

    public async Task<IReadOnlyList<ChatThread>> ListThreadsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = ThreadSelect + " WHERE t.user_id = $user ORDER BY t.updated_at DESC, t.id";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var threads = new List<ChatThread>();
        while (await reader.ReadAsync(cancellationToken))
        {
            threads.Add(ReadThread(reader));
        }

        return threads;
    }

    /// <summary>
    /// Appends a message to the user's thread; null when the thread is not the user's. A user message with a run id
    /// also records the run as active; any other message of that run (its report) ends it, as does <see cref="EndRunAsync"/>.
    /// </summary>
    public async Task<ChatMessage?> AppendMessageAsync(
        string userId,
        string threadId,
        string role,
        string content,
        string? runId,
        CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await InsertMessageAsync(userId, threadId, role, content, runId, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The run's relay ended: it no longer needs an interruption marker.</summary>
    public async Task EndRunAsync(string runId, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM active_runs WHERE run_id = $run";
            command.Parameters.AddWithValue("$run", runId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// At start-up, the runs still recorded as active were cut off when the backend last stopped: each gets a
    /// <see cref="ChatMessage.SystemRole"/> message saying so in its thread. Returns how many were marked.
    /// </summary>
    public async Task<int> MarkInterruptedRunsAsync(string marker, CancellationToken cancellationToken)
    {
        var interrupted = new List<(string RunId, string ThreadId, string UserId)>();
        await using (var connection = Open())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT run_id, thread_id, user_id FROM active_runs";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                interrupted.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var run in interrupted)
        {
            await AppendMessageAsync(run.UserId, run.ThreadId, ChatMessage.SystemRole, marker, run.RunId, cancellationToken);
            await EndRunAsync(run.RunId, cancellationToken);
        }

        return interrupted.Count;
    }

    public void Dispose() => _writeGate.Dispose();

    private async Task<ChatMessage?> InsertMessageAsync(
        string userId,
        string threadId,
        string role,
        string content,
        string? runId,
        CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var id = NewId("msg");
        await using var connection = Open();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE threads SET updated_at = $now WHERE id = $thread AND user_id = $user;
            INSERT INTO active_runs (run_id, thread_id, user_id)
            SELECT $run, $thread, $user WHERE $run IS NOT NULL AND $role = 'user'
                AND EXISTS (SELECT 1 FROM threads WHERE id = $thread AND user_id = $user);
            DELETE FROM active_runs WHERE run_id = $run AND $role <> 'user';
            INSERT INTO messages (thread_id, seq, id, role, content, run_id, created_at)
            SELECT $thread, COALESCE((SELECT MAX(seq) FROM messages WHERE thread_id = $thread), 0) + 1, $id, $role, $content, $run, $now
            WHERE EXISTS (SELECT 1 FROM threads WHERE id = $thread AND user_id = $user)
            RETURNING seq;
            """;
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$content", content);
        command.Parameters.AddWithValue("$run", (object?)runId ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Format(now));
        var seq = await command.ExecuteScalarAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return seq is long value ? new ChatMessage(id, threadId, value, role, content, runId, now) : null;
    }

    /// <summary>
    /// The newest messages before <paramref name="beforeSeq"/>, oldest first: at most <paramref name="limit"/> of them
    /// and, past the first, at most <paramref name="maxContentBytes"/> of UTF-8 content.
    /// </summary>
    public async Task<HistoryPage> ReadHistoryAsync(
        string threadId, long? beforeSeq, int limit, int maxContentBytes, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, thread_id, seq, role, content, run_id, created_at FROM messages
            WHERE thread_id = $thread AND seq < $before ORDER BY seq DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$before", beforeSeq ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<ChatMessage>();
        var contentBytes = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            var content = reader.GetString(4);
            contentBytes += Encoding.UTF8.GetByteCount(content);
            if (messages.Count == limit || (messages.Count > 0 && contentBytes > maxContentBytes))
            {
                messages.Reverse();
                return new HistoryPage(messages, HasMore: true);
            }

            messages.Add(new ChatMessage(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), content,
                reader.IsDBNull(5) ? null : reader.GetString(5), Parse(reader.GetString(6))));
        }

        messages.Reverse();
        return new HistoryPage(messages, HasMore: false);
    }

    /// <summary>Whether the database answers; the readiness probe.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return await command.ExecuteScalarAsync(cancellationToken) is long;
    }

    private const string ThreadSelect = """
        SELECT t.id, t.user_id, t.title, t.created_at, t.updated_at,
               (SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id)
        FROM threads t
        """;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // WAL with synchronous=NORMAL: a committed message survives a crash of the process (a restart).
        Execute(connection, "PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static ChatThread ReadThread(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2),
        Parse(reader.GetString(3)), Parse(reader.GetString(4)), reader.GetInt64(5));

    private static string NewId(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(
        value,
        CultureInfo.InvariantCulture,
        DateTimeStyles.AssumeUniversal);
}
