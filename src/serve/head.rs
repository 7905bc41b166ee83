//! Reading a request's head (the request line and the headers) within
//! fixed bounds: no line longer than [`Limits::max_line`], no head longer
//! than [`Limits::max_head`], and all of it within
//! [`Limits::head_deadline`] of the connection's start. A read timeout
//! alone is no deadline: a client sending a byte a second would never
//! trip it.

use std::io::Read;
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// What the server allows a client.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest line of a head, its end included.
    pub max_line: usize,
    /// The longest head, request line and headers together.
    pub max_head: usize,
    /// How long a client has to send its whole head.
    pub head_deadline: Duration,
    /// Connections handled at once (reload streams included); more are
    /// closed at once, so slow clients cannot make the server start
    /// threads without end.
    pub max_connections: usize,
}

impl Default for Limits {
    /// Browsers send heads of a few hundred bytes, at once.
    fn default() -> Self {
        Limits {
            max_line: 16 * 1024,
            max_head: 32 * 1024,
            head_deadline: Duration::from_secs(5),
            max_connections: 256,
        }
    }
}

/// Why a head could not be read.
#[derive(Debug)]
pub enum HeadError {
    /// A line or the whole head is over its limit.
    TooLarge,
    /// The deadline passed before the head was complete.
    TimedOut,
    /// The client closed the connection, or it failed.
    Closed,
}

/// Reads a head from `stream`, which has been open since `opened`.
/// Reads are sized so that no more than one byte past a limit is ever
/// read; the head is returned without its final blank line.
pub fn read_head(
    stream: &TcpStream,
    opened: Instant,
    limits: &Limits,
) -> Result<String, HeadError> {
    let deadline = opened + limits.head_deadline;
    let mut head: Vec<u8> = Vec::with_capacity(1024);
    let mut line_start = 0;
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::TimedOut);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| HeadError::Closed)?;
        let line_room = limits.max_line - (head.len() - line_start);
        let head_room = limits.max_head - head.len();
        let want = chunk.len().min(line_room.min(head_room) + 1);
        let n = match (&*stream).read(&mut chunk[..want]) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => n,
            Err(e) if is_timeout(&e) => return Err(HeadError::TimedOut),
            Err(_) => return Err(HeadError::Closed),
        };
        for &byte in &chunk[..n] {
            head.push(byte);
            if byte == b'\n' {
                let line = &head[line_start..];
                if line == b"\r\n" || line == b"\n" {
                    head.truncate(line_start);
                    return Ok(String::from_utf8_lossy(&head).into_owned());
                }
                line_start = head.len();
            }
        }
        if head.len() - line_start > limits.max_line || head.len() > limits.max_head {
            return Err(HeadError::TooLarge);
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}
