/** Every workflow the worker runs; one file per workflow. */
export {};
