//! The router of feature `server` accepts every endpoint's route.
#![cfg(feature = "server")]
struct NothingImplemented;
impl identity_api::server::Handler for NothingImplemented {}
#[test]
fn the_router_takes_every_route() {
    let _ = identity_api::server::router(std::sync::Arc::new(NothingImplemented));
}
