//! `mailcart-store-double [--port N]`: serves the double on 127.0.0.1 until killed.
//! Prints `MAILCART_STORE_DOUBLE_URL=http://127.0.0.1:PORT` once it listens, for scripts to read.

use std::io::Write;
use std::net::SocketAddr;

fn port_from_args() -> Result<u16, String> {
    let mut args = std::env::args().skip(1);
    let mut port = 0;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value.parse().map_err(|_| format!("--port: not a port number: {value}"))?;
            }
            other => return Err(format!("unknown argument: {other} (usage: mailcart-store-double [--port N])")),
        }
    }
    Ok(port)
}

#[tokio::main]
async fn main() {
    let port = match port_from_args() {
        Ok(port) => port,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let double = match mailcart_store_double::spawn(SocketAddr::from(([127, 0, 0, 1], port))).await {
        Ok(double) => double,
        Err(err) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {err}");
            std::process::exit(1);
        }
    };
    println!("MAILCART_STORE_DOUBLE_URL=http://{}", double.addr);
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
}
