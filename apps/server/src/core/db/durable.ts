/**
 * PGlite's file layer under Node writes through to the operating system but never calls fsync, so its own
 * `fsync = on` cannot make a commit survive a power cut. After each committed transaction Haven flushes the WAL
 * segments written since the last flush (Linux fsync flushes a file's dirty pages whichever descriptor wrote them),
 * which is exactly what PostgreSQL's own commit does.
 */
import fs from 'node:fs';
import path from 'node:path';

export class WalSyncer {
  private lastSync = 0;
  private readonly walDir: string;
  constructor(dataDir: string) { this.walDir = path.join(dataDir, 'pg_wal'); }

  sync(): void {
    const started = Date.now();
    let names: string[];
    try { names = fs.readdirSync(this.walDir); } catch { return; }
    for (const name of names) {
      const file = path.join(this.walDir, name);
      let st: fs.Stats;
      try { st = fs.statSync(file); } catch { continue; }
      if (!st.isFile() || st.mtimeMs < this.lastSync - 2000) continue;
      const fd = fs.openSync(file, 'r+');
      try { fs.fdatasyncSync(fd); } finally { fs.closeSync(fd); }
    }
    // new segment files must be reachable after a crash too
    const dirFd = fs.openSync(this.walDir, 'r');
    try { fs.fsyncSync(dirFd); } finally { fs.closeSync(dirFd); }
    this.lastSync = started;
  }
}
